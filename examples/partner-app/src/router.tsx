// A tiny History API router: four pages do not need a routing library.
import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from 'react';

const changed = 'app:navigate';

export interface Location {
  path: string;
  query: URLSearchParams;
  state: unknown;
}

function current(): Location {
  return {
    path: location.pathname,
    query: new URLSearchParams(location.search),
    state: history.state,
  };
}

/** Whether focus was on something in the page when the app last changed page itself. */
let focusedBeforeNavigate = false;

/**
 * True when the last `navigate()` happened while something in the page had focus (a link, or a
 * button that the page change removes): the new page then takes focus on its heading.
 */
export function hadFocusBeforeNavigate(): boolean {
  return focusedBeforeNavigate;
}

/**
 * Changes page. `focus: true` says the person's own action led here (its control may be gone
 * already, or disabled while it worked), so the new page's heading takes focus.
 */
export function navigate(to: string, state?: unknown, { focus }: { focus?: boolean } = {}): void {
  focusedBeforeNavigate =
    focus ?? (document.activeElement !== null && document.activeElement !== document.body);
  history.pushState(state ?? null, '', to);
  // The new page starts at its top, as one the browser loads does: its footer below the fold, so
  // what it fills in as its data arrives moves nothing on screen (from where 确认预约 was scrolled
  // to on a phone, 我的预约's list arriving moved the footer in view).
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(changed));
}

export function useLocation(): Location {
  const [value, setValue] = useState(current);
  useEffect(() => {
    const update = () => setValue(current());
    window.addEventListener('popstate', update);
    window.addEventListener(changed, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(changed, update);
    };
  }, []);
  return value;
}

/** A link that changes page without a reload (modifier clicks open a new tab as usual). */
export function Link({ href = '/', onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...rest} />;
}
