pwd
ls
cat requirements.txt
docker images
docker-compose up -d --build
docker ps
curl -s http://localhost/
no-such-command
