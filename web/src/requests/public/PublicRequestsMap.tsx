import { CompressOutlined, MinusOutlined, PlusOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { type PointerEvent, useEffect, useMemo, useRef, useState } from "react";
import type { PublicLocation, PublicRequest } from "../../../../shared/requests/public";
import { useI18n } from "../../shared/I18nProvider";
import { DEFAULT_CENTRE, TileImages, toLatLng, toPixels, visibleTiles } from "../TileMap";

export interface MapView {
  lat: number;
  lng: number;
  zoom: number;
}

/** The box a view shows, as the API's bbox (minLng,minLat,maxLng,maxLat). */
export function viewBox(view: MapView, width: number, height: number): string {
  const c = toPixels(view.lat, view.lng, view.zoom);
  const nw = toLatLng(c.x - width / 2, c.y - height / 2, view.zoom);
  const se = toLatLng(c.x + width / 2, c.y + height / 2, view.zoom);
  const clamp = (n: number, limit: number) => Math.max(-limit, Math.min(limit, n));
  return [clamp(nw.lng, 180), clamp(se.lat, 90), clamp(se.lng, 180), clamp(nw.lat, 90)]
    .map((n) => n.toFixed(6))
    .join(",");
}

/** The view that shows every point (or the demo city when there is none). */
export function fitView(points: PublicLocation[], width: number, height: number): MapView {
  if (points.length === 0) {
    return { ...DEFAULT_CENTRE, zoom: 12 };
  }
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  const box = { n: Math.max(...lats), s: Math.min(...lats), e: Math.max(...lngs), w: Math.min(...lngs) };
  let zoom = 16;
  for (; zoom > 3; zoom--) {
    const a = toPixels(box.n, box.w, zoom);
    const b = toPixels(box.s, box.e, zoom);
    if (b.x - a.x <= width - 60 && b.y - a.y <= height - 60) {
      break;
    }
  }
  return { lat: (box.n + box.s) / 2, lng: (box.e + box.w) / 2, zoom };
}

interface Group {
  key: string;
  location: PublicLocation;
  items: PublicRequest[];
}

/**
 * The public requests on a slippy map of OpenStreetMap tiles (the same projection and tiles as the
 * intake form's TileMap, no map library). A place may hold several requests; each place is a button
 * that selects them in the list. A home's cell is drawn as a circle of its size, a public place as a pin.
 */
export function PublicRequestsMap({
  items,
  view,
  onView,
  height,
  selected,
  onSelect,
  onSize,
}: {
  items: PublicRequest[];
  view: MapView;
  onView: (view: MapView) => void;
  height: number;
  selected: string | null;
  onSelect: (key: string | null) => void;
  onSize?: (width: number) => void;
}) {
  const { t, pick } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(360);
  const drag = useRef<{ x: number; y: number; view: MapView; moved: boolean } | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) {
      return;
    }
    const observer = new ResizeObserver(() => {
      const w = el.clientWidth || 360;
      setWidth(w);
      onSize?.(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [onSize]);

  const groups = useMemo(() => {
    const byKey = new Map<string, Group>();
    for (const item of items) {
      if (!item.location) {
        continue;
      }
      const key = `${item.location.lat},${item.location.lng}`;
      const group = byKey.get(key) ?? { key, location: item.location, items: [] };
      group.items.push(item);
      byKey.set(key, group);
    }
    return [...byKey.values()];
  }, [items]);

  const { left, top, tiles } = visibleTiles(view, view.zoom, width, height);
  // Metres per pixel at this latitude and zoom (Web Mercator).
  const metresPerPixel = (156_543.03 * Math.cos((view.lat * Math.PI) / 180)) / 2 ** view.zoom;

  const down = (event: PointerEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).closest("button")) {
      return;
    }
    drag.current = { x: event.clientX, y: event.clientY, view, moved: false };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const move = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) {
      return;
    }
    const dx = event.clientX - d.x;
    const dy = event.clientY - d.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) {
      d.moved = true;
      const start = toPixels(d.view.lat, d.view.lng, d.view.zoom);
      onView({ ...toLatLng(start.x - dx, start.y - dy, d.view.zoom), zoom: d.view.zoom });
    }
  };
  const up = () => {
    drag.current = null;
  };
  const zoomBy = (step: number) => onView({ ...view, zoom: Math.min(18, Math.max(3, view.zoom + step)) });

  return (
    <section className="public-map" aria-label={t("publicRequests.map")} data-testid="public-map">
      <div
        ref={box}
        className="public-map__view"
        style={{ height }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      >
        <TileImages tiles={tiles} />
        {groups.map((g) => {
          const p = toPixels(g.location.lat, g.location.lng, view.zoom);
          const x = p.x - left;
          const y = p.y - top;
          if (x < -40 || y < -40 || x > width + 40 || y > height + 40) {
            return null;
          }
          const titles = g.items
            .slice(0, 3)
            .map((i) => i.title ?? pick(i.category?.name ?? "", i.category?.nameEn))
            .join("；");
          const label = t("publicRequests.marker", { count: g.items.length, titles });
          const diameter = Math.max(22, Math.min(160, g.location.cellMetres / metresPerPixel));
          const kind = g.location.kind;
          return (
            <button
              key={g.key}
              type="button"
              className={`public-map__marker public-map__marker--${kind}${selected === g.key ? " is-selected" : ""}`}
              style={
                kind === "private"
                  ? { left: x, top: y, width: diameter, height: diameter }
                  : { left: x, top: y }
              }
              aria-label={label}
              aria-pressed={selected === g.key}
              title={label}
              onClick={() => onSelect(selected === g.key ? null : g.key)}
            >
              {g.items.length > 1 ? <span className="public-map__count">{g.items.length}</span> : null}
            </button>
          );
        })}
      </div>
      <div className="tile-map__bar">
        <Button
          size="small"
          icon={<PlusOutlined />}
          aria-label={t("publicRequests.zoomIn")}
          onClick={() => zoomBy(1)}
        />
        <Button
          size="small"
          icon={<MinusOutlined />}
          aria-label={t("publicRequests.zoomOut")}
          onClick={() => zoomBy(-1)}
        />
        <Button
          size="small"
          icon={<CompressOutlined />}
          aria-label={t("publicRequests.fit")}
          onClick={() =>
            onView(
              fitView(
                groups.map((g) => g.location),
                width,
                height,
              ),
            )
          }
        />
        <span className="tile-map__note">{t("publicRequests.mapNote")}</span>
        <span className="tile-map__credit">© OpenStreetMap contributors</span>
      </div>
    </section>
  );
}
