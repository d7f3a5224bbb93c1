// MaracExport
