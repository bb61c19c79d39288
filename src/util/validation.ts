/** For zod `refine`: true when `parse` does not throw on the value. */
export const accepts =
  (parse: (value: string) => unknown) =>
  (value: string): boolean => {
    try {
      parse(value);
      return true;
    } catch {
      return false;
    }
  };
