import { useTranslation } from 'react-i18next';
import type { ComponentInput, DocumentKind } from '../../../src-shared/contract/schemas.js';

const kinds: DocumentKind[] = ['original', 'certified_copy', 'photocopy'];

type Props = {
  components: ComponentInput[];
  fields: Record<string, string>;
  onChange: (components: ComponentInput[]) => void;
};

/** The paper components handed in: received?, kind and quantity per row. */
export function ComponentsTable({ components, fields, onChange }: Props) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<ComponentInput>) => onChange(components.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const groupError = fields.components;
  return (
    <fieldset className={groupError ? 'field-invalid' : undefined}>
      <legend>{t('form.components')}</legend>
      {groupError ? (
        <div className="field-error" role="alert">
          {groupError}
        </div>
      ) : null}
      {components.length === 0 ? (
        <p className="muted">{t('form.noComponents')}</p>
      ) : (
        <table className="components">
          <tbody>
            {components.map((c, i) => {
              const qtyError = fields[`components.${i}.quantity`];
              return (
                <tr key={i}>
                  <td className="comp-name">
                    <label>
                      <input
                        type="checkbox"
                        checked={c.received}
                        onChange={(e) => update(i, { received: e.target.checked })}
                        aria-label={t('form.componentReceived', { name: c.name })}
                      />{' '}
                      <span aria-hidden="true">{c.name}</span>
                    </label>
                  </td>
                  <td>
                    <select
                      value={c.kind}
                      aria-label={t('form.componentKind', { name: c.name })}
                      onChange={(e) => update(i, { kind: e.target.value as DocumentKind })}
                    >
                      {kinds.map((k) => (
                        <option key={k} value={k}>
                          {t(`form.kinds.${k}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="qty">
                    <input
                      type="number"
                      min={1}
                      max={999}
                      value={c.quantity}
                      aria-label={t('form.componentQuantity', { name: c.name })}
                      aria-invalid={qtyError ? true : undefined}
                      title={qtyError}
                      onChange={(e) => update(i, { quantity: Math.trunc(Number(e.target.value) || 0) })}
                    />
                    {qtyError ? <div className="field-error">{qtyError}</div> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}
