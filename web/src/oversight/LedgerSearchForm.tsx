import { SearchOutlined } from "@ant-design/icons";
import { Button, Form, Input, Select, Space } from "antd";
import { useEffect, useMemo } from "react";
import { useI18n } from "../shared/I18nProvider";
import { ACTION_GROUPS, actionKey } from "../shared/ledger/entry";
import type { DepartmentNames } from "../shared/ledger/useDepartmentNames";
import type { LedgerFilters } from "./ledger-filters";

const SUBJECT_PATTERN: Record<LedgerFilters["subjectType"], RegExp> = {
  // GB 11643: 17 digits and a check character; GB 32100: 18 characters of its 31-character set.
  person: /^\d{17}[\dX]$/i,
  organisation: /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/i,
};

/** The auditor's search form: actor, department, subject, action and time range. */
export function LedgerSearchForm({
  filters,
  departments,
  onSearch,
  onReset,
}: {
  filters: LedgerFilters;
  departments: DepartmentNames;
  onSearch: (filters: LedgerFilters) => void;
  onReset: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<LedgerFilters>();

  // Back and forward change the URL; the form follows it.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({
      actor: undefined,
      departmentId: undefined,
      subject: undefined,
      action: undefined,
      from: undefined,
      to: undefined,
      ...filters,
    });
  }, [filters, form]);

  const actionOptions = useMemo(
    () =>
      ACTION_GROUPS.flatMap((group) => [
        { value: group.prefix, label: t(group.label) },
        ...group.actions.map((action) => {
          const key = actionKey(action);
          return { value: action, label: key ? t(key) : action, className: "action-option" };
        }),
      ]),
    [t],
  );

  const subjectType = Form.useWatch("subjectType", form) ?? filters.subjectType;

  return (
    <Form<LedgerFilters>
      form={form}
      name="ledger-search"
      layout="vertical"
      initialValues={filters}
      onFinish={(values) => onSearch({ ...values, subjectType: values.subjectType ?? "person" })}
      className="ledger-search"
      requiredMark={false}
    >
      <div className="ledger-search__grid">
        <Form.Item name="actor" label={t("ledgerPage.actor")}>
          <Input placeholder={t("ledgerPage.actorPlaceholder")} allowClear autoComplete="off" />
        </Form.Item>
        <Form.Item name="departmentId" label={t("ledgerPage.department")}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("ledgerPage.anyDepartment")}
            options={departments.options}
            loading={departments.loading}
          />
        </Form.Item>
        <Form.Item
          label={t("ledgerPage.subject")}
          htmlFor="ledger-search_subject"
          className="ledger-search__subject"
        >
          <Space.Compact block>
            <Form.Item name="subjectType" noStyle>
              <Select
                aria-label={t("ledgerPage.subjectType")}
                className="ledger-search__subject-type"
                popupMatchSelectWidth={false}
                options={[
                  { value: "person", label: t("ledgerPage.idNumber") },
                  { value: "organisation", label: t("ledgerPage.creditCode") },
                ]}
                // The list names each in full; the closed select has room for a short form only.
                labelRender={({ value }) =>
                  t(value === "organisation" ? "ledgerPage.creditCodeShort" : "ledgerPage.idNumberShort")
                }
              />
            </Form.Item>
            <Form.Item
              name="subject"
              noStyle
              rules={[{ pattern: SUBJECT_PATTERN[subjectType], message: t("ledgerPage.subjectInvalid") }]}
            >
              <Input
                id="ledger-search_subject"
                placeholder={t("ledgerPage.subjectPlaceholder")}
                maxLength={18}
                allowClear
                autoComplete="off"
                className="code"
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="action" label={t("ledgerPage.action")}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("ledgerPage.anyAction")}
            options={actionOptions}
          />
        </Form.Item>
        <Form.Item name="from" label={t("ledgerPage.from")}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item
          name="to"
          label={t("ledgerPage.to")}
          dependencies={["from"]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value?: string) => {
                const from: string | undefined = getFieldValue("from");
                return !value || !from || value > from
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("ledgerPage.rangeInvalid")));
              },
            }),
          ]}
        >
          <Input type="datetime-local" />
        </Form.Item>
      </div>
      <Space wrap>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden="true" />}>
          {t("ledgerPage.submit")}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            form.setFieldsValue({ subjectType: "person" });
            onReset();
          }}
        >
          {t("ledgerPage.reset")}
        </Button>
      </Space>
    </Form>
  );
}
