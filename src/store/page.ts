// One page of a listing, shared by every part of the store that pages.
export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page: null at the end of a listing; for events, where to resume (null only before any event). */
  next: string | null;
}
