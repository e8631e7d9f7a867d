import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { LaneCard } from '../../../../contract/requests/hypercare-requests';
import { IssueCard } from './IssueCard';

/** Sizes of the lane's rows; each says why. */
export const LANE_ROWS = {
  /** A card of two lines and its clocks; cards are measured once shown, this only places the ones not yet shown. */
  estimatePx: 74,
  /** The gap between two cards. */
  gapPx: 6,
  /** Cards rendered beyond the visible ones: enough for j/k and a flick of the wheel, few enough that a 2,000-issue night paints in one frame. */
  overscan: 8,
} as const;

interface Props {
  readonly cards: readonly LaneCard[];
  /** The element that scrolls (both lanes share it). */
  readonly scroller: RefObject<HTMLDivElement | null>;
  readonly label: string;
  readonly testId: string;
  readonly className: string;
  readonly selectedId: string | null;
  readonly elapsedMs: number;
  readonly onSelect: (id: string) => void;
  readonly focusable?: boolean;
}

/**
 * One lane of issue cards, virtualised: only the cards in view (and a few around them)
 * are in the DOM, so the board paints a bad night of thousands of issues as fast as a
 * quiet one and the clocks tick without re-rendering what nobody sees.
 */
export function VirtualLane({ cards, scroller, label, testId, className, selectedId, elapsedMs, onSelect, focusable = false }: Props) {
  const list = useRef<HTMLUListElement>(null);
  // Where this lane starts inside the scroller: the lane above it and the headings push it down.
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const top = list.current?.offsetTop ?? 0;
    if (top !== offset) setOffset(top);
  });
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LANE_ROWS.estimatePx,
    gap: LANE_ROWS.gapPx,
    overscan: LANE_ROWS.overscan,
    scrollMargin: offset,
    getItemKey: (index) => cards[index]!.issue.id,
  });
  const selectedIndex = selectedId === null ? -1 : cards.findIndex((card) => card.issue.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <ul
      ref={list}
      className={className}
      role="listbox"
      aria-label={label}
      tabIndex={focusable ? 0 : undefined}
      aria-activedescendant={selectedIndex >= 0 ? `issue-${selectedId}` : undefined}
      data-testid={testId}
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const card = cards[item.index]!;
        return (
          <IssueCard
            key={item.key}
            ref={virtualizer.measureElement}
            index={item.index}
            setSize={cards.length}
            top={item.start - offset}
            card={card}
            selected={card.issue.id === selectedId}
            elapsedMs={elapsedMs}
            onSelect={() => onSelect(card.issue.id)}
          />
        );
      })}
    </ul>
  );
}
