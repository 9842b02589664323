import sys; sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
import evalh as E, time
from myosteo.validation import calibrate as C
t=time.time()
p = {**E.CUR}
E.report(p, "main")
print("time", time.time()-t)
