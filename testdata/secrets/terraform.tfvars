db_password = "kansa-fake-db-password-Xy9Lp"
api_token   = "kansa-fake-api-token-Wv3Rk"
nested = {
  inner = "kansa-fake-nested-secret-Bn8Hd"
}
