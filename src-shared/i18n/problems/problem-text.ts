/**
 * A problem main reports with an error: a message key and its parameters, rendered in the
 * reader's language by the renderer (and in Vietnamese for logs and the command line).
 * Texts use i18next's `{{name}}` placeholders.
 */
export type ProblemText = { vi: string; en: string };
export type ProblemTexts = Record<string, ProblemText>;
export type ProblemParams = Record<string, string | number>;
