import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "./common-passwords.ts";
import { checkPassword, PASSWORD_MESSAGES } from "./password-policy.ts";

const carlos = { email: "carlos.gomez@sgeneral.gov.co", name: "Carlos Gómez" };
const check = (password: string) => checkPassword(password, carlos);

describe("política de contraseñas (NIST 800-63B)", () => {
  it("una frase larga y propia se acepta", () => {
    expect(check("mi perro come arepas los domingos")).toEqual([]);
  });

  it("no hay reglas de composición: solo minúsculas, sin números ni símbolos, basta", () => {
    expect(check("el río suena cuando lleva piedras")).toEqual([]);
  });

  it("con menos de 12 caracteres se rechaza; con 12 exactos se acepta", () => {
    expect(check("rio magdale")).toEqual([PASSWORD_MESSAGES.tooShort]);
    expect(check("rio magdalen")).toEqual([]);
    expect(PASSWORD_MESSAGES.tooShort).toBe("La contraseña debe tener al menos 12 caracteres.");
  });

  it("cuenta caracteres y no unidades de código: 12 emojis distintos bastan", () => {
    const emojis = "🦜🌽🏔🌺🐢🎺🚲📚🌙🍍🦋🐙";
    expect(emojis.length).toBe(24);
    expect(check(emojis)).toEqual([]);
    expect(check("🦜🌽🏔🌺🐢🎺🚲📚🌙🍍🦋")).toEqual([PASSWORD_MESSAGES.tooShort]);
  });

  it("una ñ escrita con tilde combinada cuenta como un solo carácter", () => {
    const decomposed = "man\u0303anatarde"; // "mañanatarde": 11 letters, 12 code points before NFC
    expect([...decomposed]).toHaveLength(12);
    expect(check(decomposed)).toEqual([PASSWORD_MESSAGES.tooShort]);
    expect(check(`${decomposed}s`)).toEqual([]);
  });

  it("hasta 256 caracteres se acepta; más se rechaza", () => {
    const phrase = "la casa azul del cerro de monserrate ";
    const long = phrase.repeat(10);
    expect(check(long.slice(0, 256))).toEqual([]);
    expect(check(long.slice(0, 257))).toEqual([
      "La contraseña no puede tener más de 256 caracteres.",
    ]);
  });

  it("las contraseñas comunes se rechazan sin importar mayúsculas ni tildes", () => {
    for (const common of [
      "Contraseña",
      "CONTRASENA",
      "colombia2024",
      "Bogota123",
      "bogotá123",
      "123456789012",
      "qwertyuiopas",
      "ADMINISTRADOR",
      "password1234",
      "Rumbo",
      "1qaz2wsx3edc",
    ]) {
      expect(check(common), common).toContain(PASSWORD_MESSAGES.common);
    }
    expect(PASSWORD_MESSAGES.common).toBe(
      "La contraseña es demasiado común; elija una frase más larga y propia.",
    );
  });

  it("una palabra común rodeada de números o símbolos sigue siendo común", () => {
    expect(check("Administrador2024!")).toEqual([PASSWORD_MESSAGES.common]);
    expect(check("¡¡Colombia2024!!")).toEqual([PASSWORD_MESSAGES.common]);
    expect(check("rumbo12345678")).toEqual([PASSWORD_MESSAGES.common]);
    expect(check("2027planeacion")).toEqual([PASSWORD_MESSAGES.common]);
  });

  it("una palabra común dentro de una frase propia no la hace común", () => {
    expect(check("mi contraseña es una arepa con queso")).toEqual([]);
  });

  it("un mismo carácter repetido se rechaza, también la ñ y los espacios", () => {
    for (const repeated of ["aaaaaaaaaaaaaa", "ÑÑÑÑÑÑÑÑÑÑÑÑ", "            ", "777777777777"]) {
      expect(check(repeated), repeated).toEqual([PASSWORD_MESSAGES.repeated]);
    }
  });

  it("un grupo corto repetido se rechaza", () => {
    expect(check("abcabcabcabc")).toEqual([PASSWORD_MESSAGES.repeated]);
    expect(check("121212121212")).toEqual([PASSWORD_MESSAGES.repeated]);
    expect(check("2024202420242024")).toEqual([PASSWORD_MESSAGES.repeated]);
  });

  it("una secuencia simple se rechaza, hacia adelante o hacia atrás", () => {
    for (const sequence of ["234567890123", "bcdefghijklm", "ZYXWVUTSRQPO", "987654321098"]) {
      expect(check(sequence), sequence).toEqual([PASSWORD_MESSAGES.sequence]);
    }
  });

  it("no puede contener el correo, ni una de sus partes de 4 o más letras", () => {
    expect(check("carlos.gomez es mi clave")).toContain(PASSWORD_MESSAGES.email);
    expect(check("el señor GOMEZ toma tinto")).toEqual([
      PASSWORD_MESSAGES.email,
      PASSWORD_MESSAGES.name,
    ]);
    const jp = { email: "jp@entidad.gov.co", name: "Ana Luz" };
    expect(checkPassword("jp y sus dos gatos grises", jp)).toEqual([]);
  });

  it("no puede contener el nombre, sin importar tildes, mayúsculas ni separadores", () => {
    const maria = { email: "mjr@sgeneral.gov.co", name: "María José Rodríguez" };
    expect(checkPassword("Maria-Jose del 2024 feliz", maria)).toEqual([PASSWORD_MESSAGES.name]);
    expect(checkPassword("rodriguez y su gato félix", maria)).toEqual([PASSWORD_MESSAGES.name]);
  });

  it("las partes del nombre de menos de 4 letras no cuentan", () => {
    const ana = { email: "adiaz@sgeneral.gov.co", name: "Ana Luz" };
    expect(checkPassword("una luz en la ventana del sur", ana)).toEqual([]);
    expect(checkPassword("ana luz camina por el parque", ana)).toEqual([PASSWORD_MESSAGES.name]);
  });

  it("informa todos los problemas a la vez", () => {
    expect(check("rumbo")).toEqual([PASSWORD_MESSAGES.tooShort, PASSWORD_MESSAGES.common]);
    expect(check("carlos")).toEqual([
      PASSWORD_MESSAGES.tooShort,
      PASSWORD_MESSAGES.email,
      PASSWORD_MESSAGES.name,
    ]);
  });

  it("la lista de contraseñas comunes tiene unas 300 entradas, sin repetidas, y todas se rechazan", () => {
    const folded = COMMON_PASSWORDS.map((p) =>
      p.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(),
    );
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(300);
    expect(new Set(folded).size).toBe(folded.length);
    for (const common of COMMON_PASSWORDS) {
      expect(checkPassword(common, { email: "", name: "" }), common).toContain(
        PASSWORD_MESSAGES.common,
      );
    }
  });
});
