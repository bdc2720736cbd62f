/** Saving the map: the rendered SVG as a file, or drawn on a canvas as a PNG (all in the browser). */
import type { Box } from "./layout";

const PAD = 16;

/** A standalone copy of the map's SVG showing the whole of `box`, whatever the pan and zoom. */
export function serializeMap(
  svg: SVGSVGElement,
  box: Omit<Box, "x" | "y"> & { x: number; y: number },
) {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const width = Math.ceil(box.width + 2 * PAD);
  const height = Math.ceil(box.height + 2 * PAD);
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("width", String(width));
  copy.setAttribute("height", String(height));
  copy.setAttribute("viewBox", `0 0 ${width} ${height}`);
  copy
    .querySelector("[data-viewport]")
    ?.setAttribute("transform", `translate(${PAD - box.x} ${PAD - box.y})`);
  return {
    text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`,
    width,
    height,
  };
}

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadSvg(svg: SVGSVGElement, box: Box) {
  save(new Blob([serializeMap(svg, box).text], { type: "image/svg+xml" }), "crux-map.svg");
}

export async function downloadPng(svg: SVGSVGElement, box: Box) {
  const { text, width, height } = serializeMap(svg, box);
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = 2;
    const canvas = document.createElement("canvas");
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (blob) save(blob, "crux-map.png");
  } finally {
    URL.revokeObjectURL(url);
  }
}
