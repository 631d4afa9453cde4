/** A validated DTO as plain JSON data, as events carry it. */
export function plain<T extends object>(dto: T): T {
  return JSON.parse(JSON.stringify(dto)) as T;
}
