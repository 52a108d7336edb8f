import logging

# Dead letters and recoveries are logged as warnings; the tests cause them on purpose.
logging.getLogger("nautilus_bus").setLevel(logging.ERROR)
