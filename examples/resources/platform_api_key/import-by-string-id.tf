import {
  to = platform_api_key.example
  id = "acme/key_5xk2m3n4p5q6r7s8"
}
