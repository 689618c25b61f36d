// The options of the counter kiosk link's QR code (DossierKiosk). The browser test renders the shown link with
// the same options in Node and compares the image, so the QR is known to encode that link.
export const KIOSK_QR = { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 200 } as const;

/** The data: URL of the QR's SVG, as the page puts it in <img src>. */
export const svgDataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
