// Messages as a person reads them: the text, without the id and parameters that carry it to other languages.
export const withoutIds = <T extends { messageId?: unknown; params?: unknown }>(list: T[]) =>
  list.map(({ messageId: _id, params: _params, ...rest }) => rest);
