import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import "./shared/ui/styles.css";

const rootElement = document.getElementById("root");
if (rootElement === null) throw new Error("index.html no tiene el elemento #root");

createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
