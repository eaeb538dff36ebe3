// Short form in `npm test`; `npm run test:reliability` sets RELIABILITY=long for the full sizes and the soak.
export const LONG = process.env.RELIABILITY === 'long';
export const size = <T>(short: T, long: T): T => (LONG ? long : short);
