"""检查表版本…: the form versions the office published and what each one changed."""
