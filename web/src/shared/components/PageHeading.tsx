import type { ReactNode } from "react";
import { useDocumentTitle } from "../useDocumentTitle";

/** The page's h1 with an optional lead paragraph and actions on the right. */
export function PageHeading({
  title,
  intro,
  extra,
}: {
  title: string;
  intro?: ReactNode;
  extra?: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <div className="page-heading">
      <div className="page-heading__text">
        <h1 className="page-heading__title">{title}</h1>
        {intro ? <p className="page-heading__intro">{intro}</p> : null}
      </div>
      {extra ? <div className="page-heading__extra">{extra}</div> : null}
    </div>
  );
}
