/**
 * Where Kibana is, for "Open in Kibana" links: VITE_KIBANA_URL when the bundle is built
 * (`VITE_KIBANA_URL=https://kibana.example npm run build:dashboard`), else Kibana's own default.
 */
export const KIBANA_URL: string = import.meta.env.VITE_KIBANA_URL || 'http://localhost:5601';
