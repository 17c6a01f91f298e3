import { MinusOutlined, PlusOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { type MouseEvent, useEffect, useRef, useState } from "react";
import { useI18n } from "../shared/I18nProvider";

const TILE = 256;
const HEIGHT = 260;
/** 杭州市 (the demo city), where the map opens when no point is chosen. */
export const DEFAULT_CENTRE = { lat: 30.2741, lng: 120.1551 };

export function toPixels(lat: number, lng: number, zoom: number) {
  const scale = TILE * 2 ** zoom;
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    x: ((lng + 180) / 360) * scale,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale,
  };
}

export function toLatLng(x: number, y: number, zoom: number) {
  const scale = TILE * 2 ** zoom;
  const lng = (x / scale) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / scale;
  const lat = (180 / Math.PI) * Math.atan(0.5 * (Math.exp(n) - Math.exp(-n)));
  return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
}

/** The OpenStreetMap tiles that cover a view of `width` × `height` pixels around a point, and the view's top-left pixel. */
export function visibleTiles(
  centre: { lat: number; lng: number },
  zoom: number,
  width: number,
  height: number,
) {
  const c = toPixels(centre.lat, centre.lng, zoom);
  const left = c.x - width / 2;
  const top = c.y - height / 2;
  const tiles: { key: string; src: string; x: number; y: number }[] = [];
  const max = 2 ** zoom;
  for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + width) / TILE); tx++) {
    for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + height) / TILE); ty++) {
      if (ty < 0 || ty >= max) {
        continue;
      }
      const wrapped = ((tx % max) + max) % max;
      tiles.push({
        key: `${zoom}/${tx}/${ty}`,
        src: `https://tile.openstreetmap.org/${zoom}/${wrapped}/${ty}.png`,
        x: tx * TILE - left,
        y: ty * TILE - top,
      });
    }
  }
  return { left, top, tiles };
}

/** The tiles as images; a tile that fails (offline, blocked) hides, leaving the grey background and the markers. */
export function TileImages({ tiles }: { tiles: { key: string; src: string; x: number; y: number }[] }) {
  return tiles.map((tile) => (
    <img
      key={tile.key}
      src={tile.src}
      alt=""
      draggable={false}
      className="tile-map__tile"
      onError={(event) => {
        event.currentTarget.style.visibility = "hidden";
      }}
      style={{ left: tile.x, top: tile.y }}
    />
  ));
}

/**
 * A small slippy map of OpenStreetMap tiles without a map library: click to choose a point. It is
 * optional (coordinates can always be typed) and loads tiles only while shown, so pages and tests
 * work without the network.
 */
export function TileMap({
  value,
  onPick,
}: {
  value: { lat: number; lng: number } | null;
  onPick: (point: { lat: number; lng: number }) => void;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(320);
  const [zoom, setZoom] = useState(15);
  const centre = value ?? DEFAULT_CENTRE;

  useEffect(() => {
    const el = box.current;
    if (!el) {
      return;
    }
    const observer = new ResizeObserver(() => setWidth(el.clientWidth || 320));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const { left, top, tiles } = visibleTiles(centre, zoom, width, HEIGHT);

  const pick = (event: MouseEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    onPick(toLatLng(left + event.clientX - rect.left, top + event.clientY - rect.top, zoom));
  };

  return (
    <div className="tile-map" data-testid="tile-map">
      {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the map is an optional pointer aid; the coordinate fields beside it are the keyboard way */}
      <div ref={box} className="tile-map__view" style={{ height: HEIGHT }} onClick={pick}>
        <TileImages tiles={tiles} />
        {value ? (
          <span
            className="tile-map__marker"
            style={{ left: width / 2, top: HEIGHT / 2 }}
            aria-hidden="true"
          />
        ) : null}
      </div>
      <div className="tile-map__bar">
        <Button
          size="small"
          icon={<PlusOutlined />}
          aria-label="zoom in"
          onClick={() => setZoom((z) => Math.min(18, z + 1))}
        />
        <Button
          size="small"
          icon={<MinusOutlined />}
          aria-label="zoom out"
          onClick={() => setZoom((z) => Math.max(3, z - 1))}
        />
        <span className="tile-map__note">{t("requests.field.mapNote")}</span>
        <span className="tile-map__credit">© OpenStreetMap contributors</span>
      </div>
    </div>
  );
}
