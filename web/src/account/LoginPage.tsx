import { CheckCircleOutlined, LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Layout } from "antd";
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { useAuth } from "../shared/AuthProvider";
import { ApiError } from "../shared/api";
import { problemText } from "../shared/components/ProblemAlert";
import { useI18n } from "../shared/I18nProvider";
import { MAIN_ID, SkipLink } from "../shared/layout/SkipLink";
import { TopBar } from "../shared/layout/TopBar";
import { homeFor } from "../shared/roles";

const DEMO_ACCOUNTS = [
  "citizen",
  "enterprise",
  "officer",
  "deptadmin",
  "leader",
  "auditor",
  "admin",
  "reviewer",
] as const;
const DEMO_PASSWORD = "Yimen-demo-2026";

interface Credentials {
  username: string;
  password: string;
}

/** Only same-site paths are followed after sign-in, never another origin. */
function safeNext(next: string | null): string | null {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : null;
}

/** The sign-in page: username and password, with the demo accounts as a hint. */
export function LoginPage() {
  const { t } = useI18n();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Credentials>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = `${t("login.title")} · 一门 Yimen`;
  }, [t]);

  useEffect(() => {
    if (error) {
      errorRef.current?.focus();
    }
  }, [error]);

  const onFinish = async ({ username, password }: Credentials) => {
    setSubmitting(true);
    setError(null);
    try {
      const me = await signIn(username.trim(), password);
      navigate(safeNext(params.get("next")) ?? homeFor(me.roles) ?? "/", { replace: true });
    } catch (cause) {
      setError(
        cause instanceof ApiError
          ? cause
          : new ApiError({ type: "about:blank", title: String(cause), status: 0 }),
      );
      form.setFieldValue("password", "");
    } finally {
      setSubmitting(false);
    }
  };

  const fillDemo = (username: string) => {
    form.setFieldsValue({ username });
    form.focusField("password");
  };

  const errorText = error ? problemText(error, t("app.networkError")) : null;
  const errorTitle = !error
    ? ""
    : error.code === "UNAUTHENTICATED"
      ? t("login.wrongCredentials")
      : error.code === "LOCKED" || error.code === "RATE_LIMITED"
        ? t(`problem.${error.code}`)
        : t("login.failed");

  return (
    <Layout className="login">
      <SkipLink />
      <TopBar />
      <main id={MAIN_ID} tabIndex={-1} className="login__main">
        <section className="login__promise" aria-labelledby="promise-title">
          <h1 id="promise-title">{t("login.promiseTitle")}</h1>
          <p>{t("login.promiseBody")}</p>
          <ul className="login__points">
            <li>
              <CheckCircleOutlined aria-hidden="true" />
              {t("login.promise1")}
            </li>
            <li>
              <CheckCircleOutlined aria-hidden="true" />
              {t("login.promise2")}
            </li>
            <li>
              <CheckCircleOutlined aria-hidden="true" />
              {t("login.promise3")}
            </li>
          </ul>
          <p>
            <Link to="/rights" className="login__rights-link">
              {t("rights.publicLink")} →
            </Link>
          </p>
        </section>
        <Card className="login__card">
          <h2>{t("login.heading")}</h2>
          <p className="login__subtitle">{t("login.subtitle")}</p>
          {errorText ? (
            <div ref={errorRef} tabIndex={-1} style={{ marginBottom: 16 }}>
              <Alert
                type="error"
                showIcon
                role="alert"
                title={errorTitle}
                description={errorText === errorTitle ? undefined : errorText}
                data-testid="login-error"
              />
            </div>
          ) : null}
          <Form<Credentials>
            form={form}
            name="login"
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => void onFinish(values)}
            size="large"
          >
            <Form.Item
              label={t("login.username")}
              name="username"
              rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}
            >
              <Input prefix={<UserOutlined aria-hidden="true" />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              label={t("login.password")}
              name="password"
              rules={[{ required: true, message: t("login.passwordRequired") }]}
            >
              <Input.Password prefix={<LockOutlined aria-hidden="true" />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              {t("login.submit")}
            </Button>
          </Form>
          <section className="demo-accounts" aria-labelledby="demo-title">
            <h3 id="demo-title">{t("login.demoTitle")}</h3>
            <p>{t("login.demoHint", { password: DEMO_PASSWORD })}</p>
            <ul>
              {DEMO_ACCOUNTS.map((name) => (
                <li key={name}>
                  <Button size="small" onClick={() => fillDemo(name)} className="code">
                    {name}
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        </Card>
      </main>
      <footer className="login__footer">{t("app.footer")}</footer>
    </Layout>
  );
}
