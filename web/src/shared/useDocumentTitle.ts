import { useEffect } from "react";

/** Sets the browser tab title to "<page> · 一门 Yimen". */
export function useDocumentTitle(page: string): void {
  useEffect(() => {
    document.title = `${page} · 一门 Yimen`;
  }, [page]);
}
