import { Alert, App, Button, Card, DatePicker, Form, Input, Radio, Skeleton } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { useDepartmentsByCode } from "../../rights/useDepartmentsByCode";
import { useMe } from "../../shared/AuthProvider";
import { ApiError, api } from "../../shared/api";
import type { ItemList, RightsVersion } from "../../shared/api-types";
import { PageHeading } from "../../shared/components/PageHeading";
import { ProblemAlert } from "../../shared/components/ProblemAlert";
import { SubPageTrail } from "../../shared/components/SubPageTrail";
import { showProblemOnField } from "../../shared/formErrors";
import { useI18n } from "../../shared/I18nProvider";
import { useApi } from "../../shared/useApi";
import { ProposalDiff } from "./ProposalDiff";
import { VersionStatusTag } from "./VersionStatusTag";

interface Decision {
  decision: "approve" | "refuse";
  reason: string;
  effectiveFrom?: Dayjs | null;
}

/** /workbench/rights-review/:id: one proposal's diff, and the reviewer's approval or refusal. */
export function ReviewProposalPage() {
  const { id = "" } = useParams();
  const me = useMe();
  const { t, dateTime } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const departments = useDepartmentsByCode();
  const versions = useApi<ItemList<RightsVersion>>("/api/rights/versions");
  const [form] = Form.useForm<Decision>();
  const decision = Form.useWatch("decision", form);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiError>();

  const version = versions.data?.items.find((item) => item.id === id);
  const department = version ? departments.name(version.departmentCode) : "";
  const title = version ? t("review.diffTitle", { department, version: version.version }) : t("review.title");

  const onFinish = async (values: Decision) => {
    setSubmitting(true);
    setFailure(undefined);
    try {
      await api<RightsVersion>(`/api/rights/proposals/${encodeURIComponent(id)}/review`, {
        method: "POST",
        body: {
          decision: values.decision,
          reason: values.reason.trim(),
          ...(values.decision === "approve" && values.effectiveFrom
            ? { effectiveFrom: values.effectiveFrom.toISOString() }
            : {}),
        },
      });
      message.success(t(values.decision === "approve" ? "review.approved" : "review.refused"));
      navigate("/workbench/rights-review");
    } catch (error) {
      if (error instanceof ApiError) {
        if (!showProblemOnField(form, error, ["reason", "effectiveFrom", "decision"])) {
          setFailure(error);
        }
      } else {
        throw error;
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <SubPageTrail section={t("review.title")} sectionTo="/workbench/rights-review" page={title} />
      <PageHeading
        title={title}
        intro={version?.summary}
        extra={version ? <VersionStatusTag status={version.status} /> : null}
      />
      {versions.error ? <ProblemAlert error={versions.error} onRetry={versions.reload} /> : null}
      {!versions.data ? <Skeleton active /> : null}
      {version ? (
        <p className="muted">
          {t("review.proposedAt")} {dateTime(version.proposedAt)}
        </p>
      ) : null}
      <div className="review-layout">
        <div className="review-layout__diff">
          <ProposalDiff id={id} />
        </div>
        {version?.status === "proposed" ? (
          <Card
            className="review-layout__form"
            title={<h2 className="card-heading">{t("review.submit")}</h2>}
          >
            {version.proposedBy === me.id ? (
              <Alert type="info" showIcon title={t("review.ownProposal")} />
            ) : (
              <Form<Decision>
                form={form}
                name="review"
                layout="vertical"
                initialValues={{ decision: "approve", reason: "" }}
                onFinish={(values) => void onFinish(values)}
              >
                <Form.Item name="decision" label={t("review.decision")}>
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    options={[
                      { value: "approve", label: t("review.approve") },
                      { value: "refuse", label: t("review.refuse") },
                    ]}
                  />
                </Form.Item>
                {decision !== "refuse" ? (
                  <Form.Item
                    name="effectiveFrom"
                    label={t("review.effectiveFrom")}
                    extra={t("review.effectiveHint")}
                  >
                    <DatePicker showTime style={{ width: "100%" }} />
                  </Form.Item>
                ) : null}
                <Form.Item
                  name="reason"
                  label={t("review.reason")}
                  rules={[{ required: true, whitespace: true, message: t("review.reasonRequired") }]}
                >
                  <Input.TextArea rows={4} maxLength={1000} showCount />
                </Form.Item>
                {failure ? <ProblemAlert error={failure} /> : null}
                <Button
                  type="primary"
                  htmlType="submit"
                  danger={decision === "refuse"}
                  loading={submitting}
                  block
                  style={{ marginTop: 12 }}
                >
                  {decision === "refuse" ? t("review.refuse") : t("review.approve")}
                </Button>
              </Form>
            )}
          </Card>
        ) : version ? (
          <Card className="review-layout__form">
            <VersionStatusTag status={version.status} />
            <p>{version.reviewReason}</p>
            <p className="muted small">{dateTime(version.reviewedAt)}</p>
          </Card>
        ) : null}
      </div>
    </>
  );
}
