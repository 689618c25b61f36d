// fontkit 2 ships no types; the little we use (the character map of a TTF).
declare module 'fontkit' {
  interface Font {
    characterSet: number[];
  }
  export function openSync(path: string): Font;
}
