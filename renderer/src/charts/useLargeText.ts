// Whether the Large text (projector) mode is on: html.large-text, set by the window's
// toggle or the print route. Charts read it to scale their fonts with the page.
import { useEffect, useState } from 'react';

const isLarge = () => document.documentElement.classList.contains('large-text');

export function useLargeText(): boolean {
  const [large, setLarge] = useState(isLarge);
  useEffect(() => {
    const observer = new MutationObserver(() => setLarge(isLarge()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    setLarge(isLarge());
    return () => observer.disconnect();
  }, []);
  return large;
}
