import { DeleteOutlined, EditOutlined, PlusOutlined, UndoOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Empty, Form, Input, Select, Skeleton, Tag } from "antd";
import { useMemo, useState } from "react";
import { PowerCard } from "../../rights/PowerCard";
import { useDepartmentsByCode } from "../../rights/useDepartmentsByCode";
import { useMe } from "../../shared/AuthProvider";
import { ApiError, api } from "../../shared/api";
import type { ItemList, Power, RightsList, RightsVersion } from "../../shared/api-types";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { SubPageTrail } from "../../shared/components/SubPageTrail";
import { useI18n } from "../../shared/I18nProvider";
import type { MessageKey } from "../../shared/i18n";
import { useApi } from "../../shared/useApi";
import { PowerFormModal } from "./PowerFormModal";
import { VersionHistory } from "./VersionHistory";

interface FieldProblem {
  /** The index of the power in the submitted list, when the problem is about one. */
  index: number | null;
  field: string;
  detail: string;
}

/** Reads "body.powers[2].legalBasis[0].law" into the power's index and the rest of the path. */
function fieldProblem(error: ApiError): FieldProblem | null {
  const raw = error.problem.field;
  if (!raw) {
    return null;
  }
  const path = raw.replace(/^body\./, "");
  const detail = error.problem.detail ?? error.problem.title;
  const match = /^powers\[(\d+)\]\.?(.*)$/.exec(path);
  if (match) {
    return { index: Number(match[1]), field: match[2] ?? "", detail };
  }
  return { index: null, field: path, detail };
}

const FIELD_LABEL: Record<string, MessageKey> = {
  code: "deptRights.code",
  name: "deptRights.name",
  nameEn: "deptRights.nameEn",
  type: "rights.type",
  level: "rights.level",
  legalBasis: "rights.legalBasis",
  duties: "rights.duties",
  accountability: "rights.accountability",
  grants: "rights.grants",
  department: "rights.department",
};

/** "legalBasis[0].law" → "法律依据 1 · law": the field's label, its item number, and the rest of the path. */
function useFieldLabel(): (field: string) => string {
  const { t } = useI18n();
  return (field) => {
    const match = /^(\w+)(?:\[(\d+)\])?\.?(.*)$/.exec(field);
    const key = match?.[1] ? FIELD_LABEL[match[1]] : undefined;
    if (!match || !key) {
      return field || t("deptRights.power");
    }
    const item = match[2] === undefined ? "" : ` ${Number(match[2]) + 1}`;
    return `${t(key)}${item}${match[3] ? ` · ${match[3]}` : ""}`;
  };
}

/** /workbench/rights: a department admin's list in force, its versions, and a proposal of a new version. */
export function DeptRightsPage() {
  const me = useMe();
  const { t, dateTime } = useI18n();
  const fieldLabel = useFieldLabel();
  const { message } = App.useApp();
  const departments = useDepartmentsByCode();
  const [department, setDepartment] = useState(me.departments[0]?.code ?? "");
  const lists = useApi<ItemList<RightsList>>("/api/rights");
  const versions = useApi<ItemList<RightsVersion>>(
    department ? `/api/rights/versions?department=${encodeURIComponent(department)}` : null,
  );
  const inForce = lists.data?.items.find((list) => list.departmentCode === department);

  const [draft, setDraft] = useState<Power[] | null>(null);
  const [summary, setSummary] = useState("");
  const [editing, setEditing] = useState<{ power: Power | null } | null>(null);
  const [problem, setProblem] = useState<{ error: ApiError; field: FieldProblem | null }>();
  const [submitting, setSubmitting] = useState(false);

  const removed = useMemo(() => {
    if (!draft || !inForce) {
      return [];
    }
    const kept = new Set(draft.map((power) => power.code));
    return inForce.powers.filter((power) => !kept.has(power.code));
  }, [draft, inForce]);

  const startDraft = () => {
    setDraft(inForce ? [...inForce.powers] : []);
    setSummary("");
    setProblem(undefined);
  };

  const submit = async () => {
    if (!draft) {
      return;
    }
    setSubmitting(true);
    setProblem(undefined);
    try {
      await api<RightsVersion>("/api/rights/proposals", {
        method: "POST",
        body: { departmentCode: department, summary: summary.trim(), powers: draft },
      });
      message.success(t("deptRights.submitted"));
      setDraft(null);
      versions.reload();
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      setProblem({ error, field: fieldProblem(error) });
    } finally {
      setSubmitting(false);
    }
  };

  const pending = versions.data?.items.filter((version) => version.status === "proposed") ?? [];
  const isDraftChanged = draft !== null && JSON.stringify(draft) !== JSON.stringify(inForce?.powers ?? []);

  return (
    <>
      <SubPageTrail section={t("nav.workbench")} sectionTo="/workbench" page={t("deptRights.title")} />
      <PageHeading
        title={t("deptRights.title")}
        intro={t("deptRights.card")}
        extra={
          me.departments.length > 1 ? (
            <Select
              aria-label={t("rights.department")}
              value={department}
              onChange={(value) => {
                setDepartment(value);
                setDraft(null);
              }}
              options={me.departments.map((d) => ({ value: d.code, label: departments.name(d.code) }))}
              className="toolbar__select"
            />
          ) : null
        }
      />
      {lists.error ? <ProblemAlert error={lists.error} onRetry={lists.reload} /> : null}
      {pending.length > 0 && draft === null ? (
        <Alert
          type="info"
          showIcon
          className="block-gap"
          title={t("deptRights.pending", { count: pending.length })}
          data-testid="pending-proposals"
        />
      ) : null}

      {draft === null ? (
        <section aria-labelledby="in-force-title">
          <div className="section-bar">
            <h2 className="section-title" id="in-force-title">
              {inForce
                ? t("deptRights.inForce", { version: inForce.version, from: dateTime(inForce.effectiveFrom) })
                : t("deptRights.noneInForce")}
            </h2>
            <Button type="primary" icon={<EditOutlined aria-hidden="true" />} onClick={startDraft}>
              {t("deptRights.propose")}
            </Button>
          </div>
          {lists.loading && !lists.data ? <Skeleton active /> : null}
          {inForce ? (
            <div className="power-grid">
              {inForce.powers.map((power) => (
                <PowerCard key={power.code} power={power} />
              ))}
            </div>
          ) : lists.data ? (
            <Empty />
          ) : null}
        </section>
      ) : (
        <section aria-labelledby="draft-title" data-testid="rights-draft">
          <div className="section-bar">
            <h2 className="section-title" id="draft-title">
              {t("deptRights.draftTitle", { count: draft.length })}
            </h2>
            <Button icon={<PlusOutlined aria-hidden="true" />} onClick={() => setEditing({ power: null })}>
              {t("deptRights.addPower")}
            </Button>
          </div>
          <div className="power-grid">
            {draft.map((power, index) => {
              const original = inForce?.powers.find((p) => p.code === power.code);
              const isNew = !original;
              const isEdited = original !== undefined && JSON.stringify(original) !== JSON.stringify(power);
              const fieldError = problem?.field?.index === index ? problem.field : null;
              return (
                <div
                  key={power.code}
                  className={fieldError ? "draft-power draft-power--error" : "draft-power"}
                >
                  <PowerCard
                    power={power}
                    actions={
                      <>
                        {isNew ? <Tag color="#237804">{t("deptRights.new")}</Tag> : null}
                        {isEdited ? <Tag color="#ad4e00">{t("rights.changedMark")}</Tag> : null}
                        <Button
                          size="small"
                          icon={<EditOutlined aria-hidden="true" />}
                          aria-label={t("deptRights.editNamed", { name: power.name })}
                          onClick={() => setEditing({ power })}
                        />
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined aria-hidden="true" />}
                          aria-label={t("deptRights.removeNamed", { name: power.name })}
                          onClick={() => setDraft(draft.filter((p) => p.code !== power.code))}
                        />
                      </>
                    }
                  />
                  {fieldError ? (
                    <Alert
                      type="error"
                      showIcon
                      role="alert"
                      className="draft-power__error"
                      title={fieldLabel(fieldError.field)}
                      description={fieldError.detail}
                    />
                  ) : null}
                </div>
              );
            })}
          </div>
          {removed.length > 0 ? (
            <div className="draft-removed" data-testid="draft-removed">
              <h3 className="diff-heading diff-heading--removed">
                {t("review.removed", { count: removed.length })}
              </h3>
              <ul className="draft-removed__list">
                {removed.map((power) => (
                  <li key={power.code}>
                    <span>
                      {power.name} <span className="code muted">{power.code}</span>
                    </span>
                    <Button
                      size="small"
                      icon={<UndoOutlined aria-hidden="true" />}
                      onClick={() => setDraft([...draft, power])}
                    >
                      {t("deptRights.restore")}
                    </Button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <Card
            className="draft-submit"
            title={<h3 className="card-heading">{t("deptRights.submitTitle")}</h3>}
          >
            <Form layout="vertical" onFinish={() => void submit()}>
              <Form.Item
                label={t("review.summary")}
                htmlFor="proposal-summary"
                validateStatus={problem?.field?.field === "summary" ? "error" : undefined}
                help={
                  problem?.field?.field === "summary" ? problem.field.detail : t("deptRights.summaryHint")
                }
              >
                <Input.TextArea
                  id="proposal-summary"
                  rows={3}
                  maxLength={500}
                  showCount
                  value={summary}
                  onChange={(event) => setSummary(event.target.value)}
                />
              </Form.Item>
              {problem &&
              (!problem.field || (problem.field.index === null && problem.field.field !== "summary")) ? (
                <ProblemAlert error={problem.error} />
              ) : null}
              {problem?.field && problem.field.index !== null ? (
                <Alert
                  type="error"
                  showIcon
                  title={t("deptRights.powerProblem", {
                    code: draft[problem.field.index]?.code ?? `#${problem.field.index + 1}`,
                    field: fieldLabel(problem.field.field),
                  })}
                  description={problem.field.detail}
                />
              ) : null}
              <div className="form-actions">
                <Button onClick={() => setDraft(null)}>{t("app.cancel")}</Button>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={submitting}
                  disabled={!isDraftChanged || summary.trim() === ""}
                >
                  {t("deptRights.submit")}
                </Button>
              </div>
            </Form>
          </Card>
        </section>
      )}

      <section aria-labelledby="versions-title">
        <h2 className="section-title" id="versions-title">
          {t("review.history")}
        </h2>
        {versions.error ? <ProblemAlert error={versions.error} onRetry={versions.reload} /> : null}
        <VersionHistory
          versions={versions.data?.items ?? []}
          departmentName={departments.name}
          loading={versions.loading}
        />
      </section>

      <PowerFormModal
        open={editing !== null}
        power={editing?.power ?? null}
        departmentCode={department}
        takenCodes={draft?.map((power) => power.code) ?? []}
        onCancel={() => setEditing(null)}
        onSave={(power) => {
          if (draft) {
            const at = draft.findIndex((p) => p.code === power.code);
            setDraft(at >= 0 ? draft.map((p, i) => (i === at ? power : p)) : [...draft, power]);
          }
          setEditing(null);
        }}
      />
    </>
  );
}
