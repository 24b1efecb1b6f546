mkdir /tmp/x && echo hi > /tmp/x/f && cp /tmp/x/f /tmp/x/g && mv /tmp/x/g /tmp/x/h && ls /tmp/x && rm -r /tmp/x
ls /tmp/x 2>/dev/null || echo "gone"
mkdir -p /tmp/x/a/b && touch /tmp/x/a/b/c && find /tmp/x | sort && rm -rf /tmp/x
