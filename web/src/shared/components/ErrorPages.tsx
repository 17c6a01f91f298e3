import { Button, Result } from "antd";
import { useNavigate } from "react-router-dom";
import { useI18n } from "../I18nProvider";
import { useDocumentTitle } from "../useDocumentTitle";

function ErrorResult({ status, title, text }: { status: "403" | "404"; title: string; text: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  useDocumentTitle(title);
  return (
    <Result
      status={status}
      title={<h1 className="result-title">{title}</h1>}
      subTitle={text}
      extra={
        <Button type="primary" onClick={() => navigate("/")}>
          {t("error.backHome")}
        </Button>
      }
    />
  );
}

/** Shown when the signed-in account's roles do not allow the page. */
export function ForbiddenPage() {
  const { t } = useI18n();
  return <ErrorResult status="403" title={t("error.forbiddenTitle")} text={t("error.forbidden")} />;
}

/** Shown for an unknown URL. */
export function NotFoundPage() {
  const { t } = useI18n();
  return <ErrorResult status="404" title={t("error.notFoundTitle")} text={t("error.notFound")} />;
}
