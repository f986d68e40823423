import { useEffect, useRef } from 'react';
import { hadFocusBeforeNavigate } from './router.js';

/**
 * Sets the document title and moves focus to the page's heading after a page change, so a
 * screen reader announces the new page and keyboard users start from its top.
 */
export function usePageHeading(title: string) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} - 安吉顺达汽车服务`;
    // Also when the focused control went away with the page it was on (the picker's 确认预约).
    const focused = document.activeElement !== null && document.activeElement !== document.body;
    if (focused || hadFocusBeforeNavigate()) {
      heading.current?.focus();
    }
  }, [title]);
  return heading;
}
