import { DownOutlined, RightOutlined } from "@ant-design/icons";
import { Button, Collapse } from "antd";
import { useId, useState } from "react";
import { useI18n } from "../I18nProvider";

function RawJson({ body }: { body: string }) {
  const { t } = useI18n();
  return (
    <>
      <p className="muted small raw-entry__hint">{t("ledger.rawHint")}</p>
      <pre className="raw-entry__json" data-testid="raw-entry">
        {body}
      </pre>
    </>
  );
}

/** The entry's exact canonical JSON (what the tree hashes), in a fold. */
export function RawEntry({ body, defaultOpen = false }: { body: string; defaultOpen?: boolean }) {
  const { t } = useI18n();
  return (
    <Collapse
      size="small"
      className="raw-entry"
      defaultActiveKey={defaultOpen ? ["raw"] : []}
      items={[{ key: "raw", label: t("ledger.raw"), children: <RawJson body={body} /> }]}
    />
  );
}

/** A small "raw entry" toggle and the panel it opens, for places short of room. */
export function useRawEntryToggle(body: string) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const id = useId();
  const toggle = (
    <Button
      type="link"
      size="small"
      className="raw-toggle"
      aria-expanded={open}
      aria-controls={id}
      icon={open ? <DownOutlined aria-hidden="true" /> : <RightOutlined aria-hidden="true" />}
      onClick={() => setOpen((was) => !was)}
    >
      {t("ledger.raw")}
    </Button>
  );
  const panel = (
    <div id={id} className="raw-entry__panel" hidden={!open}>
      {open ? <RawJson body={body} /> : null}
    </div>
  );
  return { toggle, panel };
}
