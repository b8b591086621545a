// Vite builds the UI into ui/dist, which Tauri embeds: relative paths, no dev server needed.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { manual } from './build/manual'

export default defineConfig({
  plugins: [vue(), manual()],
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2021',
    chunkSizeWarningLimit: 4096,
  },
  clearScreen: false,
})
