# API keys are imported as <workspace slug>/<key id>. The secret cannot be imported (the API
# shows it only once); it stays null until the next rotation.
terraform import platform_api_key.example acme/key_5xk2m3n4p5q6r7s8
