/**
 * The HTML lecture notes: `buildSite` turns executed notebooks into a
 * static, offline site (see build-site.ts for the pipeline).
 */
export { buildSite, DEFAULT_SITE_TITLE } from './build-site';
export type { BuildSiteOptions, BuiltSite } from './build-site';
export { CONTENT_SECURITY_POLICY } from './page';
export { renderMarkdown } from './markdown';
export { sanitizeNotebookHtml } from './sanitize';
