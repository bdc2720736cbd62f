/**
 * Whether a reader keeps "State of the debate" collapsed. Kept in localStorage, and mirrored in a
 * cookie so the server renders the panel the way the reader left it (no jump after hydration).
 */
export const STATE_PANEL_COOKIE = "cruxible-state-panel";
const STORAGE_KEY = "cruxible:state-panel";

export function readStatePanelCollapsed(): boolean | null {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === null ? null : v === "collapsed";
  } catch {
    return null;
  }
}

export function saveStatePanelCollapsed(collapsed: boolean): void {
  const value = collapsed ? "collapsed" : "expanded";
  try {
    window.localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // Private modes may refuse storage; the cookie still remembers.
  }
  document.cookie = `${STATE_PANEL_COOKIE}=${value}; path=/; max-age=31536000; samesite=lax`;
}
