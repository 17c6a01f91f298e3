import encodeQR from "qr";
import { useMemo } from "react";

// The standard quiet zone of four modules is part of the matrix the encoder returns.
const QUIET_ZONE = 4;

/** A QR code drawn as SVG (medium error correction, the standard quiet zone), for screens and print. */
export function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const { path, width } = useMemo(() => {
    const matrix = encodeQR(text, "raw", { ecc: "medium", border: QUIET_ZONE });
    let d = "";
    matrix.forEach((row, y) => {
      // One rectangle per run of dark modules keeps the path short.
      let x = 0;
      while (x < row.length) {
        if (!row[x]) {
          x += 1;
          continue;
        }
        const start = x;
        while (x < row.length && row[x]) {
          x += 1;
        }
        d += `M${start} ${y}h${x - start}v1h${start - x}z`;
      }
    });
    return { path: d, width: matrix.length };
  }, [text]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${width}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
      data-testid="certificate-qr"
      data-text={text}
    >
      <rect width={width} height={width} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
