#!/bin/sh
# Runs on the EC2 host, called by the workflow's last step: rebuild the images and
# (re)start the production containers in the background.
set -e
sudo docker-compose -f /home/ubuntu/srv/ubuntu/docker-compose.prod.yml up --build -d
