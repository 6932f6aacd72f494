import { LogSearchPanel } from './log-search-panel.js';

/** Cluster-wide log search; a query in the hash (from the top bar) runs at once. */
export function SearchView({ query }: { query: string }) {
  return (
    <section class="panel panel-fill" aria-labelledby="search-title">
      <header class="panel-head">
        <h2 id="search-title">Log search</h2>
        <span class="panel-note">container logs shipped to the search engine, every namespace</span>
      </header>
      <LogSearchPanel initial={{ query, sinceSeconds: 3600 }} autoRun={query !== ''} />
    </section>
  );
}
