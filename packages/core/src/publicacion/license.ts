/**
 * The licence a plan's open data is published under (Ley 1712 de 2014, MinTIC
 * Res. 1519 de 2020: open formats with an open licence). CC BY-SA 4.0 unless
 * the entity adopted CC BY 4.0; the act that adopted it travels with it.
 */
export const LICENSE_IDS = ["CC-BY-SA-4.0", "CC-BY-4.0"] as const;
export type LicenseId = (typeof LICENSE_IDS)[number];

export const DEFAULT_LICENSE: LicenseId = "CC-BY-SA-4.0";

export const LICENSES: Record<LicenseId, { name: string; url: string }> = {
  "CC-BY-SA-4.0": {
    name: "Creative Commons Atribución-CompartirIgual 4.0 Internacional (CC BY-SA 4.0)",
    url: "https://creativecommons.org/licenses/by-sa/4.0/deed.es",
  },
  "CC-BY-4.0": {
    name: "Creative Commons Atribución 4.0 Internacional (CC BY 4.0)",
    url: "https://creativecommons.org/licenses/by/4.0/deed.es",
  },
};

/** A licence as a publication records it: which one, its name and link, and the act that adopted it. */
export type PublicationLicense = {
  id: LicenseId;
  name: string;
  url: string;
  /** The act that adopted the licence («Resolución 123 de 2024»), or null when none was named. */
  act: string | null;
};

export function publicationLicense(id: LicenseId, act: string | null): PublicationLicense {
  const license = LICENSES[id];
  return { id, name: license.name, url: license.url, act: act?.trim() ? act.trim() : null };
}
