import {
  CheckCircleFilled,
  CloseCircleFilled,
  LoadingOutlined,
  MinusCircleOutlined,
} from "@ant-design/icons";
import { useI18n } from "../shared/I18nProvider";
import type { MessageKey } from "../shared/i18n";

export type StepState = "pending" | "running" | "ok" | "failed";

const STATE_KEY: Record<StepState, MessageKey> = {
  pending: "verify.stepPending",
  running: "app.loading",
  ok: "verify.stepOk",
  failed: "verify.stepFailed",
};

/** The in-browser check, step by step, so that a reader sees what was verified and what was not. */
export function VerifySteps({ steps }: { steps: { key: string; label: string; state: StepState }[] }) {
  const { t } = useI18n();
  return (
    <ol className="verify-steps" data-testid="verify-steps">
      {steps.map((step) => (
        <li
          key={step.key}
          className={`verify-steps__item verify-steps__item--${step.state}`}
          data-state={step.state}
        >
          <span className="verify-steps__icon" aria-hidden="true">
            {step.state === "ok" ? <CheckCircleFilled /> : null}
            {step.state === "failed" ? <CloseCircleFilled /> : null}
            {step.state === "running" ? <LoadingOutlined /> : null}
            {step.state === "pending" ? <MinusCircleOutlined /> : null}
          </span>
          <span>{step.label}</span>
          <span className="visually-hidden">{t(STATE_KEY[step.state])}</span>
        </li>
      ))}
    </ol>
  );
}
