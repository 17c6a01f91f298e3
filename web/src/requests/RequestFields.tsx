import { Cascader, Form, Input } from "antd";
import { REQUEST_LIMITS } from "../../../shared/requests/types";
import { useI18n } from "../shared/I18nProvider";
import { categoryOptions, useCategories } from "./labels";

/** Title, text (4,000 characters at most) and an optional category: what every intake form asks. */
export function RequestFields({ hints }: { hints: boolean }) {
  const { t, pick } = useI18n();
  const categories = useCategories();
  return (
    <>
      <Form.Item name="title" label={t("requests.field.title")}>
        <Input
          maxLength={REQUEST_LIMITS.title}
          placeholder={hints ? t("requests.field.titleHint") : undefined}
        />
      </Form.Item>
      <Form.Item
        name="description"
        label={t("requests.field.description")}
        rules={[{ required: true, whitespace: true, message: t("requests.field.descriptionRequired") }]}
      >
        <Input.TextArea
          rows={6}
          showCount
          maxLength={REQUEST_LIMITS.text}
          placeholder={hints ? t("requests.field.descriptionHint") : undefined}
        />
      </Form.Item>
      <Form.Item name="category" label={t("requests.field.category")}>
        <Cascader
          options={categoryOptions(categories.data?.items ?? [], pick)}
          placeholder={t("requests.field.categoryHint")}
          changeOnSelect
          allowClear
        />
      </Form.Item>
    </>
  );
}
