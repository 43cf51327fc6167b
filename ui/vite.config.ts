import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// Everything is bundled: no CDN, the app works offline.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  server: { port: 1420, strictPort: true },
  test: { environment: "jsdom", globals: true, include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
