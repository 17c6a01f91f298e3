import { AimOutlined, EnvironmentOutlined } from "@ant-design/icons";
import { App, Button, Form, Input, InputNumber } from "antd";
import { useState } from "react";
import { useI18n } from "../shared/I18nProvider";
import { TileMap } from "./TileMap";

/** Address and coordinates (typed, from the device, or picked on an optional map). */
export function LocationFields() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const form = Form.useFormInstance();
  const [map, setMap] = useState(false);
  const lat = Form.useWatch<number | null>("lat", form);
  const lng = Form.useWatch<number | null>("lng", form);
  const point = typeof lat === "number" && typeof lng === "number" ? { lat, lng } : null;

  const locate = () => {
    if (!navigator.geolocation) {
      message.warning(t("requests.field.locationFailed"));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) =>
        form.setFieldsValue({
          lat: Math.round(position.coords.latitude * 1e6) / 1e6,
          lng: Math.round(position.coords.longitude * 1e6) / 1e6,
        }),
      () => message.warning(t("requests.field.locationFailed")),
      { timeout: 10_000 },
    );
  };

  return (
    <fieldset className="request-form__fieldset">
      <legend className="request-form__legend">{t("requests.field.location")}</legend>
      <Form.Item name="address" label={t("requests.field.address")}>
        <Input maxLength={200} placeholder={t("requests.field.addressHint")} />
      </Form.Item>
      <div className="request-form__coords">
        <Form.Item name="lat" label={t("requests.field.lat")}>
          <InputNumber min={-90} max={90} step={0.0001} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="lng" label={t("requests.field.lng")}>
          <InputNumber min={-180} max={180} step={0.0001} style={{ width: "100%" }} />
        </Form.Item>
      </div>
      <div className="request-actions request-form__locate">
        <Button icon={<AimOutlined />} onClick={locate}>
          {t("requests.field.useMyLocation")}
        </Button>
        <Button icon={<EnvironmentOutlined />} onClick={() => setMap((v) => !v)} aria-expanded={map}>
          {map ? t("requests.field.hideMap") : t("requests.field.showMap")}
        </Button>
      </div>
      {map ? <TileMap value={point} onPick={(p) => form.setFieldsValue(p)} /> : null}
    </fieldset>
  );
}
