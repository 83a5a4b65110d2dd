import type { Page } from '../../src-shared/contract/pages-commands.js';
import type { PageRow } from './page-repo.js';

/** A page row in the contract's shape (what the renderer receives). */
export const toPage = (r: PageRow): Page => ({
  id: r.id,
  dossierId: r.dossier_id,
  componentPosition: r.component_position,
  position: r.position,
  sha256: r.sha256,
  thumbSha256: r.thumb_sha256,
  width: r.width,
  height: r.height,
  dpi: r.dpi,
  colourMode: r.colour_mode,
  bytes: r.bytes,
  blank: r.blank === 1,
  rotation: r.rotation,
  skewAngle: r.skew_angle,
  source: r.source,
  sourceName: r.source_name,
  status: r.status,
  hasMaster: r.master_sha256 !== null,
  createdAt: r.created_at,
  seq: r.seq,
});
