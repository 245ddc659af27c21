import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where the admin API listens in development (`npm start` / `npm run dev` at the repository root). */
const API_TARGET = process.env.DOMOVOY_API_URL ?? 'http://localhost:3000';
const proxy = { '/api': { target: API_TARGET } };

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, strictPort: true, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The panel is served by the API process from admin-web/dist; hashed file names under /assets can be cached
    // for ever, index.html must not be.
    assetsDir: 'assets',
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Libraries change far less often than the panel: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 3,
            },
            {
              name: 'mantine',
              test: /node_modules[\\/](@mantine|@floating-ui|react-[a-z-]*scroll[a-z-]*)[\\/]/,
              priority: 2,
            },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
