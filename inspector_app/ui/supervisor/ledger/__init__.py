"""导入设备台账: the supervisor's ledger import wizard (core.ledger behind it)."""
