import { useEffect, useRef } from 'react';

/**
 * Sets the document title and moves focus to the page's heading after a page change, so a
 * screen reader announces the new page and keyboard users start from its top.
 */
export function usePageHeading(title: string) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} - 安吉顺达汽车服务`;
    if (document.activeElement && document.activeElement !== document.body) {
      heading.current?.focus();
    }
  }, [title]);
  return heading;
}
