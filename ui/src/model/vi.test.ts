import { describe, expect, it } from "vitest";
import { formatViDate, formatViNumber, parseViDate, parseViNumber } from "./vi";

describe("Vietnamese numbers", () => {
  it("reads a decimal comma and thousands dots", () => {
    expect(parseViNumber("97,5")).toBe(97.5);
    expect(parseViNumber("1.234")).toBe(1234);
    expect(parseViNumber("1.234,5")).toBe(1234.5);
    expect(parseViNumber("12.345.678")).toBe(12345678);
    expect(parseViNumber(" 1 234 ")).toBe(1234);
    expect(parseViNumber("97.5")).toBe(97.5);
    expect(parseViNumber("05")).toBe(5);
    expect(parseViNumber("")).toBeNull();
  });
  it("refuses what is not a number", () => {
    for (const t of ["abc", "1,2,3", "1.23.4", "12,", ",5", "1..2", "--1"]) expect(parseViNumber(t), t).toBeNull();
  });
  it("writes them back the same way", () => {
    expect(formatViNumber(97.5)).toBe("97,5");
    expect(formatViNumber(1234)).toBe("1.234");
    expect(formatViNumber(1234567.25)).toBe("1.234.567,25");
    expect(formatViNumber(5)).toBe("5");
    for (const t of ["97,5", "1.234", "1.234,5"]) expect(formatViNumber(parseViNumber(t) as number)).toBe(t);
  });
});

describe("Vietnamese dates", () => {
  it("reads day/month/year, never month/day", () => {
    expect(parseViDate("20/05/2019")).toBe("2019-05-20");
    expect(parseViDate("5/12/2019")).toBe("2019-12-05");
    expect(parseViDate("20-5-2019")).toBe("2019-05-20");
    expect(parseViDate("20.5.2019")).toBe("2019-05-20");
    expect(parseViDate("31/02/2019")).toBeNull();
    expect(parseViDate("05/20/2019")).toBeNull();
    expect(parseViDate("2019-05-20")).toBeNull();
  });
  it("writes them as dd/mm/yyyy", () => {
    expect(formatViDate("2019-05-20")).toBe("20/05/2019");
  });
});
