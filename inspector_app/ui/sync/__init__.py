"""同步, 导出到U盘…, 导入同步包…: actions, background runner, progress, report, status line."""
