import { Alert, Button, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { ApiError, api } from "../../shared/api";
import { fieldOrder, fieldTitle } from "../../shared/applications/form";
import { APPROVE_KEY, STEP_KEY } from "../../shared/applications/labels";
import type {
  ApplicationDetail,
  ApplicationTask,
  TaskAction,
  TaskActionBody,
} from "../../shared/applications/types";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { showProblemOnField } from "../../shared/formErrors";
import { useI18n } from "../../shared/I18nProvider";
import type { MessageKey } from "../../shared/i18n";

interface ActionValues {
  comment?: string;
  reason?: string;
  legalBasis?: string;
  items?: string[];
  toDepartment?: string;
}

const TITLE: Record<Exclude<TaskAction, "approve">, MessageKey> = {
  reject: "officer.reject",
  supplement: "officer.supplement",
  transfer: "officer.transfer",
};

/** A refusal the officer must understand at once: the policy decision point said no, or the task moved on. */
export function ActionProblem({ error, onReload }: { error: ApiError; onReload: () => void }) {
  const { t } = useI18n();
  if (error.code === "POLICY_DENIED") {
    const decidedBy = (error.problem as { decidedBy?: unknown }).decidedBy;
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        data-testid="policy-denied"
        title={t("officer.policyDenied")}
        description={
          <>
            <p className="alert-text">{t("officer.policyDeniedText")}</p>
            {Array.isArray(decidedBy) && decidedBy.length > 0 ? (
              <p className="alert-text small">
                {t("officer.decidedBy")} <span className="code">{decidedBy.map(String).join(", ")}</span>
              </p>
            ) : null}
            {error.problem.requestId ? (
              <p className="alert-text muted small">{t("app.requestId", { id: error.problem.requestId })}</p>
            ) : null}
          </>
        }
      />
    );
  }
  if (error.code === "CONFLICT") {
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        data-testid="action-conflict"
        title={t("officer.conflict")}
        description={error.problem.detail}
        action={
          <Button size="small" onClick={onReload}>
            {t("officer.reload")}
          </Button>
        }
      />
    );
  }
  return <ProblemAlert error={error} />;
}

/**
 * The officer's action on a task's current step: approve (labelled by the step), reject with reasons
 * and legal basis, ask for supplements (which materials or fields, and a note), transfer with a reason.
 */
export function ActionModal({
  action,
  application,
  task,
  departmentOptions,
  onClose,
  onDone,
  onReload,
}: {
  action: TaskAction;
  application: ApplicationDetail;
  task: ApplicationTask;
  departmentOptions: { value: string; label: string }[];
  onClose: () => void;
  onDone: (detail: ApplicationDetail, action: TaskAction) => void;
  onReload: () => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<ActionValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const step = task.step.kind;
  const title =
    action === "approve" ? (step ? t(APPROVE_KEY[step]) : t("officer.approve")) : t(TITLE[action]);

  const submit = async (values: ActionValues) => {
    setBusy(true);
    setError(undefined);
    const body: TaskActionBody = { action };
    const text = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
    const comment = text(values.comment);
    if (comment) {
      body.comment = comment;
    }
    if (action === "reject") {
      body.reason = text(values.reason);
      body.legalBasis = text(values.legalBasis);
    }
    if (action === "supplement" && values.items?.length) {
      body.items = values.items;
    }
    if (action === "transfer") {
      body.toDepartment = values.toDepartment;
    }
    try {
      const detail = await api<ApplicationDetail>(
        `/api/workbench/tasks/${encodeURIComponent(task.id)}/actions`,
        {
          method: "POST",
          body,
        },
      );
      onDone(detail, action);
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        throw cause;
      }
      if (!showProblemOnField(form, cause, ["reason", "legalBasis", "items", "toDepartment", "comment"])) {
        setError(cause);
      }
    } finally {
      setBusy(false);
    }
  };

  const definition = application.formDefinition;
  const itemOptions = [
    {
      label: t("officer.materialsGroup"),
      options: application.materials.map((m) => ({ value: m.id, label: pick(m.name, m.nameEn) })),
    },
    ...(definition
      ? [
          {
            label: t("officer.fieldsGroup"),
            options: fieldOrder(definition)
              .filter((name) => !application.prefill[name])
              .map((name) => ({ value: name, label: fieldTitle(definition, name, pick) })),
          },
        ]
      : []),
  ];

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={title}
      cancelText={t("app.cancel")}
      okButtonProps={{ loading: busy, danger: action === "reject", htmlType: "submit", form: "task-action" }}
      destroyOnHidden
      data-testid="action-modal"
    >
      <p className="muted small">
        {pick(task.itemName, task.itemNameEn)} · {application.number}
        {step ? ` · ${t("officer.atStep", { step: t(STEP_KEY[step]) })}` : null}
      </p>
      <Form
        form={form}
        id="task-action"
        layout="vertical"
        onFinish={(values) => void submit(values)}
        requiredMark
      >
        {action === "reject" ? (
          <>
            <Form.Item
              name="reason"
              label={t("officer.reason")}
              rules={[{ required: true, whitespace: true, message: t("officer.reasonRequired") }]}
              extra={t("officer.reasonHint")}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
            </Form.Item>
            <Form.Item
              name="legalBasis"
              label={t("officer.legalBasis")}
              rules={[{ required: true, whitespace: true, message: t("officer.legalBasisRequired") }]}
              extra={t("officer.legalBasisHint")}
            >
              <Input maxLength={500} />
            </Form.Item>
          </>
        ) : null}
        {action === "supplement" ? (
          <Form.Item name="items" label={t("officer.items")} extra={t("officer.itemsHint")}>
            <Select mode="multiple" options={itemOptions} optionFilterProp="label" allowClear />
          </Form.Item>
        ) : null}
        {action === "transfer" ? (
          <Form.Item
            name="toDepartment"
            label={t("officer.toDepartment")}
            rules={[{ required: true, message: t("officer.toDepartmentRequired") }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={departmentOptions.filter((o) => o.value !== task.currentDepartment)}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="comment"
          label={t(
            action === "transfer"
              ? "officer.transferReason"
              : action === "supplement"
                ? "officer.note"
                : "officer.comment",
          )}
          rules={
            action === "transfer"
              ? [{ required: true, whitespace: true, message: t("officer.transferReasonRequired") }]
              : action === "supplement"
                ? [
                    ({ getFieldValue }) => ({
                      validator: (_rule, value: string | undefined) =>
                        (getFieldValue("items") as string[] | undefined)?.length || value?.trim()
                          ? Promise.resolve()
                          : Promise.reject(new Error(t("officer.supplementRequired"))),
                    }),
                  ]
                : []
          }
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
      {error ? <ActionProblem error={error} onReload={onReload} /> : null}
    </Modal>
  );
}
