sh -c 'set -e; echo before; false; echo never'; echo "status $?"
sh -c 'set -e; if false; then :; fi; echo "if is exempt"'
sh -c 'set -e; false || echo "|| is exempt"'
sh -c 'set -e; ! true; echo "! is exempt"'
sh -c 'set -e; f() { false; echo "in function after false"; }; f || echo "f failed"'
sh -c 'set -e; (false); echo never'; echo "subshell status $?"
sh -c 'set -e; x=$(false); echo never'; echo "assignment status $?"
sh -c 'set -e; false | true; echo "pipeline ok"'
sh -c 'set -e; true | false; echo never'; echo "pipeline status $?"
