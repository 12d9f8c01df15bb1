/** The shapes the llmstream API sends and takes (see docs/api.md of the server). */
export {};
